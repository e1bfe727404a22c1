// Demo of exercise 15: reminders cancelled when the receipt arrives, and a repeating timer.
import { sleep } from '#runtime/time';
import { ReminderService, RepeatingTimer } from './exercise.ts';

export default async function demo(): Promise<void> {
  const reminders = new ReminderService(1, (student) => console.log(`reminder to ${student}`));
  reminders.formOpened('ana');
  reminders.formOpened('luis');
  await sleep(0.5);
  reminders.receiptUploaded('ana');
  await sleep(1);
  let ticks = 0;
  const timer = new RepeatingTimer(0.2, 0.3, () => console.log(`tick ${++ticks}`));
  timer.start();
  await sleep(1.2);
  timer.cancel();
}

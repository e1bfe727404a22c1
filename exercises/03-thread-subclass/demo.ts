// Demo of exercise 03: one ReceiptUploader thread per student, each with its own receipts.
import { uploadAll } from './exercise.ts';

export default async function demo(): Promise<void> {
  const uploaders = await uploadAll({ ana: ['r1.pdf', 'r2.pdf'], luis: ['r3.pdf'], eva: ['r4.pdf', 'r5.pdf', 'r6.pdf'] });
  console.log(`${uploaders.length} uploaders done`);
}

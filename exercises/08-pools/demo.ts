// Demo of exercise 08: checksums in a process Pool and downloads in a ThreadPool.
import { checksumAll, downloadAll } from './exercise.ts';

export default async function demo(): Promise<void> {
  console.log(await checksumAll([1, 2, 3, 4], 2));
  const results = await downloadAll(['https://uni.example/a.pdf', 'https://uni.example/b.pdf', 'https://uni.example/c.pdf'], 2);
  console.log(`${results.length} downloads`);
}

// The threading twins (conformance/NN_*.ts) reproduce their CPython twins. Re-record with:
// python3 runtime/threading/conformance/record.py
import { describeTwins } from './conformance/harness.ts';

describeTwins('threading', new URL('./conformance/', import.meta.url), (name) => import(`./conformance/${name}.ts`));

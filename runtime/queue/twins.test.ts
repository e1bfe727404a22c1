// The queue twins (conformance/NN_*.ts) reproduce their CPython twins. Re-record with:
// python3 runtime/threading/conformance/record.py --dir runtime/queue/conformance
import { describeTwins } from '../threading/conformance/harness.ts';

describeTwins('queue', new URL('./conformance/', import.meta.url), (name) => import(`./conformance/${name}.ts`));

// Runs the registry over one failing test's evidence and renders the first finding in the course language.
import { DIAGNOSES } from './diagnoses/index.ts';
import { render, type Diagnosis, type Evidence } from './diagnosis.ts';
import type { CourseLang } from './lang.ts';

export interface Explanation {
  id: string;
  /** What happened and what to try, the student's line and the evidence: the test's new message. */
  message: string;
  /** What to try, alone: the test's hint. */
  hint: string;
}

/** The first diagnosis that recognises the evidence, rendered in `lang`; null when none does. */
export function explain(evidence: Evidence, lang: CourseLang, diagnoses: readonly Diagnosis[] = DIAGNOSES): Explanation | null {
  for (const diagnosis of diagnoses) {
    let finding;
    try {
      finding = diagnosis.diagnose(evidence);
    } catch {
      continue; // a diagnosis's own bug must never hide the test's real failure
    }
    if (finding !== null) return { id: diagnosis.id, message: render(finding, lang), hint: finding.hint[lang] };
  }
  return null;
}

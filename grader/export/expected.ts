// What a student's checkout of the template should hold, computed from the authoring course: the
// protected files the export ships, with package.json as the template writes it, and without hidden
// tests (plain here, sealed there with a fresh IV each export, so neither can be compared). Grading such
// a checkout from the authoring repository compares it with this, not with the authoring tree, which
// would report every file the export leaves out or rewrites as tampering.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildManifest, type Manifest } from '../manifest.ts';
import { HIDDEN_TEST_FILE, SEALED_FILE, type Exercise } from '../model/course.ts';
import { excluded, studentPackageJson, TEMPLATE_ENTRIES } from './template.ts';

function shipped(path: string): boolean {
  return TEMPLATE_ENTRIES.some((entry) => path === entry || path.startsWith(`${entry}/`)) && !excluded(path)
    && !path.endsWith(`/${HIDDEN_TEST_FILE}`) && !path.endsWith(`/${SEALED_FILE}`);
}

/** As export writes it: exercises from the course, everything else from the tool (the grader's own repository). */
export function expectedTemplateManifest(courseRoot: string, toolRoot: string, exercises: Exercise[]): Manifest {
  const fromCourse = Object.entries(buildManifest(courseRoot, exercises).files).filter(([path]) => path.startsWith('exercises/'));
  const fromTool = Object.entries(buildManifest(toolRoot, []).files);
  const files = Object.fromEntries([...fromTool, ...fromCourse].filter(([path]) => shipped(path)));
  if ('package.json' in files) {
    files['package.json'] = createHash('sha256').update(studentPackageJson(readFileSync(join(toolRoot, 'package.json'), 'utf8'))).digest('hex');
  }
  return { version: 1, files };
}

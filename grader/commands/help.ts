// `--help` of every command, in the student's language. One entry per command: how to call it (the npm form a
// student types), what it does, and its options. cli.ts prints these before loading a command.
import type { Bilingual, Lang } from '../i18n.ts';

export interface CommandHelp {
  usage: string;
  about: Bilingual;
  options: { flag: string; text: Bilingual }[];
}

const LANG_OPTION = { flag: '--lang es|en', text: { es: 'idioma de los mensajes (por defecto COURSE_LANG o el idioma del sistema)', en: 'language of the messages (default COURSE_LANG or the system locale)' } };
const COURSE_OPTION = { flag: '--course DIR', text: { es: 'carpeta del curso (por defecto este repositorio)', en: 'course folder (default this repository)' } };

export const HELP: Record<string, CommandHelp> = {
  test: {
    usage: 'npm test [-- NN ...] [--hint [N]]',
    about: {
      es: 'Ejecuta los tests visibles de tus ejercicios (todos, o los que nombres: 3, 03, 03-thread-subclass) y muestra los fallos y las pistas del primero sin terminar.',
      en: 'Runs the visible tests of your exercises (all, or the ones you name: 3, 03, 03-thread-subclass) and shows the failures and hints of the first unfinished one.',
    },
    options: [
      { flag: '--hint', text: { es: 'muestra la siguiente pista del ejercicio (npm test -- 14 --hint)', en: 'shows the exercise\'s next hint (npm test -- 14 --hint)' } },
      { flag: '--hint N', text: { es: 'muestra la pista N (npm test -- 14 --hint 3)', en: 'shows hint N (npm test -- 14 --hint 3)' } },
      LANG_OPTION,
    ],
  },
  watch: {
    usage: 'npm run watch [-- NN]',
    about: {
      es: 'Vuelve a ejecutar los tests visibles del ejercicio actual cada vez que guardas un archivo, y pasa al siguiente cuando aprueba. Teclas: h pista, l lista, n siguiente ejercicio, q salir.',
      en: 'Re-runs the current exercise\'s visible tests every time you save a file, and moves on when it passes. Keys: h hint, l list, n next exercise, q quit.',
    },
    options: [LANG_OPTION],
  },
  progress: {
    usage: 'npm run progress [-- --json]',
    about: {
      es: 'Tabla de ejercicios: completos, a medias o sin empezar, tests visibles aprobados, puntos sin contar los tests ocultos y los tests ocultos que se ejecutarán en CI.',
      en: 'Table of exercises: done, partial or not started, visible tests passed, points without the hidden tests, and the hidden tests still to run in CI.',
    },
    options: [{ flag: '--json', text: { es: 'la misma información en JSON, para herramientas', en: 'the same information as JSON, for tools' } }, LANG_OPTION],
  },
  timeline: {
    usage: 'npm run timeline -- NN',
    about: {
      es: 'Ejecuta la demo del ejercicio NN en el reloj virtual y dibuja quién se ejecutó cuándo: un carril por hilo, tarea o proceso.',
      en: 'Runs exercise NN\'s demo on the virtual clock and draws who ran when: one lane per thread, task or process.',
    },
    options: [LANG_OPTION],
  },
  exercise: {
    usage: 'npm run exercise -- NN [--virtual]',
    about: {
      es: 'Ejecuta el programa de demostración del ejercicio NN con tu código, en el reloj real, e imprime su salida y su línea de tiempo.',
      en: 'Runs exercise NN\'s demo program with your code, on the real clock, and prints its output and its timeline.',
    },
    options: [{ flag: '--virtual', text: { es: 'en el reloj virtual (instantáneo y siempre igual)', en: 'on the virtual clock (instant and always the same)' } }, LANG_OPTION],
  },
  grade: {
    usage: 'npm run grade [-- --only NN] [--solutions | --submission DIR] [--out DIR] [--verbose] [--key-file PATH|-]',
    about: {
      es: 'Tests visibles y ocultos, puntuados; informe en la terminal y todos los informes en --out (por defecto .grade/).',
      en: 'Visible and hidden tests, scored; a terminal report and every report file in --out (default .grade/).',
    },
    options: [
      { flag: '--only NN', text: { es: 'solo ese ejercicio (repetible)', en: 'only that exercise (repeatable)' } },
      { flag: '--solutions', text: { es: 'corrige solutions/', en: 'grade solutions/' } },
      { flag: '--submission DIR', text: { es: 'corrige otra copia del repositorio', en: 'grade another checkout' } },
      { flag: '--out DIR', text: { es: 'carpeta de los informes', en: 'folder of the reports' } },
      { flag: '--verbose', text: { es: 'muestra también los tests que pasan', en: 'show passing tests too' } },
      { flag: '--key-file PATH|-', text: { es: 'la GRADER_KEY desde un archivo privado (o la entrada estándar), nunca del entorno', en: 'the GRADER_KEY from a private file (or standard input), never the environment' } },
      { flag: '--hint-level N', text: { es: 'cuántas pistas del ejercicio se publican (por defecto COURSE_HINT_LEVEL o 2)', en: 'how many exercise hints are released (default COURSE_HINT_LEVEL or 2)' } },
      LANG_OPTION, COURSE_OPTION,
    ],
  },
  export: {
    usage: 'npm run export -- DIR [--force] [--save-key FILE]',
    about: { es: 'Escribe la plantilla del estudiante (sin soluciones, tests ocultos sellados).', en: 'Writes the student template (no solutions, hidden tests sealed).' },
    options: [
      { flag: '--force', text: { es: 'reemplaza el contenido de una carpeta existente (conserva su .git)', en: 'replace the contents of an existing folder (its .git is kept)' } },
      { flag: '--save-key FILE', text: { es: 'guarda la clave en un archivo nuevo que solo tú puedes leer', en: 'keep the key in a new file only you can read' } },
      COURSE_OPTION,
    ],
  },
  check: {
    usage: 'npm run check-course',
    about: { es: 'Comprobación del curso: soluciones con nota completa, plantillas con 0, metadatos completos.', en: 'Course check: solutions get full marks, stubs score 0, metadata complete.' },
    options: [COURSE_OPTION],
  },
  mistakes: {
    usage: 'npm run mistakes [-- NN ...] [--record] [--rounds N] [--workers N] [--json]',
    about: {
      es: 'Corrige los errores típicos guardados (solutions/*/mistakes/) y comprueba que cada uno conserva su veredicto.',
      en: 'Grades the recorded classic mistakes (solutions/*/mistakes/) and checks that each one keeps its verdict.',
    },
    options: [
      { flag: '--record', text: { es: 'escribe los veredictos en vez de comprobarlos (revisa el diff)', en: 'write the verdicts instead of checking them (review the diff)' } },
      { flag: '--rounds N', text: { es: 'corrige cada error N veces: todas deben coincidir', en: 'grade each mistake N times: all must agree' } },
      { flag: '--json', text: { es: 'resultados en JSON', en: 'results as JSON' } },
      COURSE_OPTION,
    ],
  },
  mutate: {
    usage: 'npm run mutate [-- NN ...] [--operator X] [--rounds N] [--limit N] [--list] [--json]',
    about: {
      es: 'Siembra errores realistas en las soluciones y corrige cada uno: ¿cuáles dejarían pasar los tests? Ver docs/mutation.md.',
      en: 'Plants realistic mistakes in the solutions and grades each one: which would the tests let through? See docs/mutation.md.',
    },
    options: [
      { flag: '--operator X', text: { es: 'solo ese tipo de error (repetible; --list los enumera)', en: 'only that kind of mistake (repeatable; --list lists them)' } },
      { flag: '--rounds N', text: { es: 'veces que se corrige cada mutante (por defecto 3)', en: 'times each mutant is graded (default 3)' } },
      { flag: '--limit N', text: { es: 'como mucho N mutantes por ejercicio, repartidos', en: 'at most N mutants per exercise, evenly spread' } },
      { flag: '--json', text: { es: 'resultados en JSON', en: 'results as JSON' } },
      LANG_OPTION, COURSE_OPTION,
    ],
  },
  keygen: {
    usage: 'tsx grader/cli.ts keygen',
    about: { es: 'Imprime una GRADER_KEY nueva y cómo guardarla como secreto.', en: 'Prints a new GRADER_KEY and how to store it as a secret.' },
    options: [],
  },
  manifest: {
    usage: 'tsx grader/cli.ts manifest',
    about: { es: 'Escribe grader/manifest.json (hashes de los archivos protegidos).', en: 'Writes grader/manifest.json (hashes of the protected files).' },
    options: [COURSE_OPTION],
  },
};

/** The student's commands first: what `npm test -- --help` without a command lists. */
const STUDENT_COMMANDS = ['test', 'watch', 'progress', 'exercise', 'timeline'];

export function commandHelp(name: string, lang: Lang): string {
  const help = HELP[name];
  if (help === undefined) return overallHelp(lang);
  const heading = lang === 'es' ? 'uso' : 'usage';
  const lines = [`${heading}: ${help.usage}`, '', help.about[lang]];
  const options = [...help.options, { flag: '--help', text: { es: 'esta ayuda', en: 'this help' } }];
  const width = Math.max(...options.map((o) => o.flag.length));
  lines.push('', lang === 'es' ? 'opciones:' : 'options:', ...options.map((o) => `  ${o.flag.padEnd(width)}  ${o.text[lang]}`));
  return `${lines.join('\n')}\n`;
}

export function overallHelp(lang: Lang): string {
  const row = (name: string): string => {
    const help = HELP[name] as CommandHelp;
    const first = help.about[lang].split(/(?<=\.)\s/)[0] ?? '';
    return `  ${help.usage}\n      ${first}`;
  };
  const teacher = Object.keys(HELP).filter((name) => !STUDENT_COMMANDS.includes(name));
  const lines = lang === 'es'
    ? ['Comandos del curso:', ...STUDENT_COMMANDS.map(row), '', 'Para profesores:', ...teacher.map(row), '',
      'Cada comando acepta --help. Códigos de salida: 0 todo bien, 1 faltan puntos, 2 error de uso o del corrector.']
    : ['Course commands:', ...STUDENT_COMMANDS.map(row), '', 'For instructors:', ...teacher.map(row), '',
      'Every command accepts --help. Exit codes: 0 all good, 1 points missing, 2 usage or grading error.'];
  return `${lines.join('\n')}\n`;
}

// Student code controls some of the text we print (error messages, console output). Make it inert:
// no terminal escape sequences, and nothing a CI runner would read as a workflow command
// (`::error::`, `::set-output`, `::add-mask::`, `::stop-commands::`...).

const CONTROL = new RegExp(String.raw`\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*(\u0007|\u001b\\)|[\u0000-\u0008\u000b-\u001f\u007f]`, 'g');

/** Breaks every `::` with a zero-width space so no line can start a workflow command. */
export function neutralizeWorkflowCommands(text: string): string {
  return text.replace(/::/g, ':\u200b:');
}

export function stripControl(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

/** Everything student-controlled goes through here before it enters the result model. */
export function sanitize(text: string, max: number): string {
  return truncate(neutralizeWorkflowCommands(stripControl(text)), max);
}

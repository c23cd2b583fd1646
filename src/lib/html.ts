/** Text for HTML written by hand (`set:html`, a `<title>`, a figure caption): no tags, no entities. */
export function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Test helper: a document from an HTML fragment or page, as the adapters receive it. */
export const page = (html: string, title = ''): Document =>
  new DOMParser().parseFromString(`<!DOCTYPE html><html><head><title>${title}</title></head><body>${html}</body></html>`, 'text/html');

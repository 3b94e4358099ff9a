// Hostile XML documents, built from the spec, for every XML entry point of SimpleKit. Each one is wrapped in the
// root element the entry point expects, so that only the hostile part can make it fail.
// References: XML 1.0 §4.2 (entity declarations), §4.4.3 (included in literal: the billion-laughs amplifier),
// OWASP "XML External Entity Prevention", CVE-2003-1564 (billion laughs).

export interface XmlRoot {
  /** Local name of the root element, e.g. `presence`. */
  readonly local: string;
  /** Its namespace URI. */
  readonly ns: string;
  /** Valid content placed inside the root where the bomb needs some (may be empty). */
  readonly inner?: string;
  /** Attributes the root needs to be valid, e.g. ` entity="sip:a@b"`. */
  readonly attributes?: string;
}

export interface XmlBomb {
  readonly name: string;
  readonly document: string;
}

function open(root: XmlRoot, extra = ''): string {
  return `<${root.local} xmlns="${root.ns}"${root.attributes ?? ''}${extra}>`;
}

function close(root: XmlRoot): string {
  return `</${root.local}>`;
}

/** Ten levels of ten references each: 10^9 `lol`s if a parser expands them. */
function billionLaughs(root: XmlRoot): string {
  let dtd = '<!ENTITY lol0 "lol">';
  for (let i = 1; i <= 9; i += 1) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  return `<?xml version="1.0"?><!DOCTYPE ${root.local} [${dtd}]>${open(root)}&lol9;${root.inner ?? ''}${close(root)}`;
}

/** One 50 KB entity referenced 50,000 times: no nesting, 2.5 GB of text if expanded (quadratic blowup). */
function quadraticBlowup(root: XmlRoot): string {
  const dtd = `<!ENTITY a "${'x'.repeat(50_000)}">`;
  return `<?xml version="1.0"?><!DOCTYPE ${root.local} [${dtd}]>${open(root)}${'&a;'.repeat(50_000)}${close(root)}`;
}

/** XXE: a SYSTEM entity naming a local file, and one naming a URL (SSRF). */
function externalEntity(root: XmlRoot, target: string): string {
  return `<?xml version="1.0"?><!DOCTYPE ${root.local} [<!ENTITY xxe SYSTEM "${target}">]>${open(root)}&xxe;${root.inner ?? ''}${close(root)}`;
}

/** A parameter entity pulled from outside: the classic out-of-band XXE. */
function externalParameterEntity(root: XmlRoot): string {
  return `<?xml version="1.0"?><!DOCTYPE ${root.local} [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd">%remote;]>${open(root)}${root.inner ?? ''}${close(root)}`;
}

/** An external DTD subset. */
function externalDtd(root: XmlRoot): string {
  return `<?xml version="1.0"?><!DOCTYPE ${root.local} SYSTEM "file:///etc/passwd">${open(root)}${root.inner ?? ''}${close(root)}`;
}

/** 100,000 nested elements inside the root: stack exhaustion for a recursive parser or reader. */
function deepNesting(root: XmlRoot): string {
  const depth = 100_000;
  return `${open(root)}${'<d>'.repeat(depth)}${'</d>'.repeat(depth)}${close(root)}`;
}

/**
 * 10,000 distinct attributes on the root (every limit in SimpleKit is far lower). Enough to refuse by count; a
 * reader without a count limit and with a pairwise duplicate check spends ~1 s here and minutes at 100,000.
 */
function manyAttributes(root: XmlRoot): string {
  let attributes = '';
  for (let i = 0; i < 10_000; i += 1) attributes += ` a${i}="v"`;
  return `${open(root, attributes)}${root.inner ?? ''}${close(root)}`;
}

/** 10,000 namespace declarations on the root. */
function manyNamespaces(root: XmlRoot): string {
  let attributes = '';
  for (let i = 0; i < 10_000; i += 1) attributes += ` xmlns:p${i}="urn:p${i}"`;
  return `${open(root, attributes)}${root.inner ?? ''}${close(root)}`;
}

/** A well-formed document just past `maxBytes`, all of it in one comment (cheap to build, costly to keep). */
function oversize(root: XmlRoot, maxBytes: number): string {
  const head = `${open(root)}${root.inner ?? ''}<!--`;
  const tail = `-->${close(root)}`;
  return `${head}${'x'.repeat(maxBytes + 1 - head.length - tail.length)}${tail}`;
}

/** One element more than the entry point's element limit, all empty, well inside its size limit. */
function manyElements(root: XmlRoot, maxElements: number): string {
  return `${open(root)}${'<e/>'.repeat(maxElements)}${close(root)}`;
}

export interface EntryPointLimits {
  /** Largest accepted document; the oversize bomb is one byte more. */
  readonly maxBytes: number;
  /** Most elements accepted; the element-count bomb has one more (the root counts). */
  readonly maxElements: number;
}

/** Every bomb for one root element, sized to the entry point's limits. */
export function xmlBombs(root: XmlRoot, limits: EntryPointLimits): XmlBomb[] {
  const { maxBytes, maxElements } = limits;
  return [
    { name: 'billion laughs', document: billionLaughs(root) },
    { name: 'quadratic blowup', document: quadraticBlowup(root) },
    { name: 'external entity (file)', document: externalEntity(root, 'file:///etc/passwd') },
    { name: 'external entity (http)', document: externalEntity(root, 'http://127.0.0.1:9/secret') },
    { name: 'external parameter entity', document: externalParameterEntity(root) },
    { name: 'external DTD', document: externalDtd(root) },
    { name: 'deep nesting', document: deepNesting(root) },
    { name: 'huge attribute count', document: manyAttributes(root) },
    { name: 'huge namespace declaration count', document: manyNamespaces(root) },
    { name: 'huge element count', document: manyElements(root, maxElements) },
    { name: 'oversize document', document: oversize(root, maxBytes) },
  ];
}

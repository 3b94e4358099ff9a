import { type AnyUriStyle, encodeAnyUriBlink, formatAnyUri } from '@simplekit/xcap';
import { attributeValue, firstChildElement, type QName, type XmlElement, xmlElement, xmlText } from '@simplekit/xml';
import type { Attributes, Contact, ContactUri, EventHandling, Group, PolicyElement } from '../model/types.js';
import { N, prefixFor, type WriteContext } from './names.js';
import { pristineElement } from './pristine.js';
import { type OwnedElement, templated } from './template.js';

/** Writes a URI value: unchanged values keep their original text, others follow the style. */
export function uriText(value: string, style: AnyUriStyle, raw?: string): string {
  if (raw !== undefined) return formatAnyUri(value, style, raw);
  return style === 'blink' ? encodeAnyUriBlink(value) : value;
}

function textElement(ctx: WriteContext, name: QName, value: string, source?: XmlElement): OwnedElement {
  const element = xmlElement(name, {
    prefix: source === undefined ? prefixFor(ctx, name) : source.prefix,
    namespaces: source?.namespaces ?? [],
    attributes: source?.attributes ?? [],
    children: value === '' ? [] : [xmlText(value)],
  });
  return { name, element };
}

function child(source: XmlElement | undefined, name: QName): XmlElement | undefined {
  return source === undefined ? undefined : firstChildElement(source, name);
}

function handlingElement(
  ctx: WriteContext,
  name: QName,
  handling: EventHandling,
  parent: XmlElement | undefined,
): OwnedElement {
  const source = child(parent, name);
  const element = templated(
    name,
    source,
    [],
    [N.policy, N.subscribe],
    [
      textElement(ctx, N.policy, handling.policy, child(source, N.policy)),
      textElement(ctx, N.subscribe, handling.subscribe ? 'true' : 'false', child(source, N.subscribe)),
    ],
    prefixFor(ctx, name),
  );
  return { name, element };
}

/**
 * An `<attributes>` bag. Written when it has attributes, when the source had one, or on a new item (`always`):
 * Blink puts both bags on every item it writes, often empty.
 */
function bagElement(
  ctx: WriteContext,
  bag: QName,
  item: QName,
  attributes: Attributes,
  parent: XmlElement | undefined,
  always: boolean,
): OwnedElement[] {
  const source = child(parent, bag);
  if (attributes.length === 0 && source === undefined && !always) return [];
  const previous = new Map<string, XmlElement>();
  for (const node of source?.children ?? []) {
    if (node.type === 'element' && node.name.local === item.local && node.name.ns === item.ns) {
      const name = attributeValue(node, 'name');
      if (name !== undefined && !previous.has(name)) previous.set(name, node);
    }
  }
  const entries = attributes.map((attribute): OwnedElement => {
    const old = previous.get(attribute.name);
    const element = templated(
      item,
      old,
      [
        ['name', attribute.name],
        ['nil', attribute.value === null ? 'true' : undefined],
      ],
      [],
      [],
      prefixFor(ctx, item),
    );
    return {
      name: item,
      element: {
        ...element,
        children: attribute.value === null || attribute.value === '' ? [] : [xmlText(attribute.value)],
      },
    };
  });
  return [{ name: bag, element: templated(bag, source, [], [item], entries, prefixFor(ctx, bag)) }];
}

function bagElements(
  ctx: WriteContext,
  item: { attributes: Attributes; blinkAttributes: Attributes },
  source: XmlElement | undefined,
) {
  return [
    ...bagElement(ctx, N.sipsimpleAttributes, N.sipsimpleAttribute, item.attributes, source, source === undefined),
    ...bagElement(ctx, N.blinkAttributes, N.blinkAttribute, item.blinkAttributes, source, source === undefined),
  ];
}

const BAG_NAMES = [N.sipsimpleAttributes, N.blinkAttributes];

function uriElement(uri: ContactUri, ctx: WriteContext): OwnedElement {
  const pristine = pristineElement(uri);
  if (pristine !== undefined) return { name: N.uri, element: pristine };
  const source = uri.source;
  const element = templated(
    N.uri,
    source,
    [
      ['id', uri.id],
      ['uri', uriText(uri.uri, ctx.uris, source && attributeValue(source, 'uri'))],
      ['type', uri.type ?? undefined],
    ],
    BAG_NAMES,
    bagElements(ctx, uri, source),
    prefixFor(ctx, N.uri),
  );
  return { name: N.uri, element };
}

export function contactElement(contact: Contact, ctx: WriteContext): XmlElement {
  const pristine = pristineElement(contact);
  if (pristine !== undefined) return pristine;
  const source = contact.source;
  const urisSource = child(source, N.uris);
  const uris = templated(
    N.uris,
    urisSource,
    [['default', contact.defaultUri ?? undefined]],
    [N.uri],
    contact.uris.map((u) => uriElement(u, ctx)),
    prefixFor(ctx, N.uris),
  );
  // Blink's child order: name, uris, dialog, presence, attributes.
  return templated(
    N.contact,
    source,
    [['id', contact.id]],
    [N.name, N.uris, N.dialog, N.presence, ...BAG_NAMES],
    [
      textElement(ctx, N.name, contact.name, child(source, N.name)),
      { name: N.uris, element: uris },
      handlingElement(ctx, N.dialog, contact.dialog, source),
      handlingElement(ctx, N.presence, contact.presence, source),
      ...bagElements(ctx, contact, source),
    ],
    prefixFor(ctx, N.contact),
  );
}

export function groupElement(group: Group, ctx: WriteContext): XmlElement {
  const pristine = pristineElement(group);
  if (pristine !== undefined) return pristine;
  const source = group.source;
  const contacts = templated(
    N.contacts,
    child(source, N.contacts),
    [],
    [N.contactId],
    group.contactIds.map((id) => textElement(ctx, N.contactId, id)),
    prefixFor(ctx, N.contacts),
  );
  return templated(
    N.group,
    source,
    [['id', group.id]],
    [N.name, N.contacts, ...BAG_NAMES],
    [
      textElement(ctx, N.name, group.name, child(source, N.name)),
      { name: N.contacts, element: contacts },
      ...bagElements(ctx, group, source),
    ],
    prefixFor(ctx, N.group),
  );
}

export function policyElement(policy: PolicyElement, ctx: WriteContext): XmlElement {
  const pristine = pristineElement(policy);
  if (pristine !== undefined) return pristine;
  const source = policy.source;
  return templated(
    N.policyElement,
    source,
    [
      ['id', policy.id],
      ['uri', uriText(policy.uri, ctx.uris, source && attributeValue(source, 'uri'))],
    ],
    [N.name, N.dialog, N.presence, ...BAG_NAMES],
    [
      textElement(ctx, N.name, policy.name, child(source, N.name)),
      handlingElement(ctx, N.dialog, policy.dialog, source),
      handlingElement(ctx, N.presence, policy.presence, source),
      ...bagElements(ctx, policy, source),
    ],
    prefixFor(ctx, N.policyElement),
  );
}

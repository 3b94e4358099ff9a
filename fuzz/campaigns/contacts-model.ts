// Campaign for @simplekit/contacts-model: the address book reader (Blink's resource-lists).
import { ContactsModelError, readAddressBook } from '@simplekit/contacts-model';
import { type Campaign, defineCampaign, type FuzzCampaign } from '../harness.js';
import { mutated, XML_TOKENS } from '../mutate.js';
import { fixtureText, fixtureTexts } from './seeds.js';

const seeds = [...fixtureTexts('contacts-model'), fixtureText('xcap', 'blink-resource-lists.xml')];

const addressBook: Campaign<string, number> = {
  name: 'contacts-model/address-book',
  input: mutated(seeds, XML_TOKENS),
  parse: (text) => {
    const book = readAddressBook(text);
    return book.contacts.size + book.groups.size + book.policies.size;
  },
  isTypedError: (error) => error instanceof ContactsModelError,
};

export const contactsModelCampaigns: readonly FuzzCampaign[] = [defineCampaign(addressBook)];

import { fileURLToPath } from 'node:url';
import { contactsModelCampaigns } from '../../../fuzz/campaigns/contacts-model.js';
import { fuzzCampaigns } from '../../../fuzz/harness.js';

// Short run of the fuzz campaigns (fixed seed) plus every committed regression; `pnpm fuzz:long` runs them long.
fuzzCampaigns(contactsModelCampaigns, fileURLToPath(new URL('../test/fixtures/fuzz-regressions/', import.meta.url)));

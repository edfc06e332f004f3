import type { Command } from '../command.js'
import { annualReportCheckCommand, annualReportCommand } from './annual-report.js'
import { backupCommand, restoreCommand } from './backup.js'
import {
  catalogueDiffCommand,
  catalogueExportCommand,
  catalogueImportCommand,
  catalogueInstantiateCommand,
  catalogueListCommand,
  catalogueProvenanceCommand,
  catalogueShowCommand,
} from './catalogue.js'
import { checkLinksCommand } from './check-links.js'
import {
  consultationAddCommand,
  consultationEventCommand,
  consultationListCommand,
  consultationShowCommand,
} from './consultation.js'
import { contentImportCommand } from './content.js'
import {
  datasetAddCommand,
  datasetInferCommand,
  datasetListCommand,
  datasetShowCommand,
  datasetVersionsCommand,
  datasetWithdrawCommand,
} from './dataset.js'
import { dueCommand } from './due.js'
import { dueListCommand } from './due-list.js'
import { exportCommand } from './export.js'
import { initCommand } from './init.js'
import { linkCommand } from './link.js'
import {
  messageAddCommand,
  messageEventCommand,
  messageListCommand,
  messageShowCommand,
} from './message.js'
import { orgAddCommand, orgListCommand } from './org.js'
import { privacyScanCommand } from './privacy.js'
import { remindCommand } from './remind.js'
import { reportCommand } from './report.js'
import {
  requestAddCommand,
  requestEventCommand,
  requestFeeCommand,
  requestImportCommand,
  requestListCommand,
  requestShowCommand,
} from './request.js'
import { searchCommand, searchReindexCommand } from './search.js'
import { serveCommand } from './serve.js'
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './token.js'
import { validateCommand } from './validate.js'

/** Every command, in the order `gongkai --help` lists them. */
export const commands: Command[] = [
  initCommand,
  validateCommand,
  dueCommand,
  catalogueListCommand,
  catalogueShowCommand,
  catalogueExportCommand,
  catalogueImportCommand,
  catalogueInstantiateCommand,
  catalogueDiffCommand,
  catalogueProvenanceCommand,
  contentImportCommand,
  linkCommand,
  checkLinksCommand,
  reportCommand,
  datasetAddCommand,
  datasetInferCommand,
  datasetListCommand,
  datasetShowCommand,
  datasetVersionsCommand,
  datasetWithdrawCommand,
  privacyScanCommand,
  requestAddCommand,
  requestEventCommand,
  requestShowCommand,
  requestListCommand,
  requestFeeCommand,
  requestImportCommand,
  messageAddCommand,
  messageEventCommand,
  messageShowCommand,
  messageListCommand,
  consultationAddCommand,
  consultationEventCommand,
  consultationShowCommand,
  consultationListCommand,
  dueListCommand,
  remindCommand,
  annualReportCommand,
  annualReportCheckCommand,
  searchCommand,
  searchReindexCommand,
  exportCommand,
  serveCommand,
  orgAddCommand,
  orgListCommand,
  tokenCreateCommand,
  tokenListCommand,
  tokenRevokeCommand,
  backupCommand,
  restoreCommand,
]

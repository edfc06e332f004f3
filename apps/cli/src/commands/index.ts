import type { Command } from '../command.js'
import {
  catalogueDiffCommand,
  catalogueExportCommand,
  catalogueImportCommand,
  catalogueInstantiateCommand,
  catalogueListCommand,
  catalogueShowCommand,
} from './catalogue.js'
import { checkLinksCommand } from './check-links.js'
import { contentImportCommand } from './content.js'
import { dueCommand } from './due.js'
import { initCommand } from './init.js'
import { linkCommand } from './link.js'
import { reportCommand } from './report.js'
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
  contentImportCommand,
  linkCommand,
  checkLinksCommand,
  reportCommand,
]

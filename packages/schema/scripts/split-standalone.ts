// Splits ajv's standalone output for several validators (one script of top-level statements) into
// one ES module per validator. Every statement goes to the first validator, in a fixed order, whose
// code reaches it; the others import it from there. Ordering the validators by how much code they
// reach puts shared code (time limits, codes) in the small modules and keeps the imports acyclic:
// a module only imports from modules earlier in the order.
import ts from 'typescript'

/** One top-level statement of the standalone script. */
interface Statement {
  /** Names the statement declares (`const schema36 = …`, `function validate25(…)`). */
  declares: string[]
  text: string
  /** Top-level names the statement uses. */
  uses: Set<string>
  /** Every identifier in the statement. */
  identifiers: Set<string>
}

/** A generated module: its statements, what it imports from the others and what it exports. */
export interface SplitModule {
  /** The validator's exported name, e.g. `timeLimit`. */
  name: string
  /** The compiled function exported under `name`, e.g. `validate28`. */
  root: string
  statements: string[]
  /** Module name -> names imported from it. */
  imports: Map<string, string[]>
  /** Names other modules import from this one. */
  exports: string[]
  /** Free names the statements use that no statement declares (the runtime helpers). */
  external: string[]
}

const declaredNames = (node: ts.Statement): string[] => {
  if (ts.isFunctionDeclaration(node) && node.name) return [node.name.text]
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations.map((d) => {
      if (!ts.isIdentifier(d.name)) throw new Error('destructuring at the top level of ajv code')
      return d.name.text
    })
  }
  return []
}

/** `validate25.evaluated = …`: belongs to the function it annotates. */
const annotated = (node: ts.Statement): string | undefined =>
  ts.isExpressionStatement(node) &&
  ts.isBinaryExpression(node.expression) &&
  ts.isPropertyAccessExpression(node.expression.left) &&
  ts.isIdentifier(node.expression.left.expression)
    ? node.expression.left.expression.text
    : undefined

const identifiers = (node: ts.Node, out: Set<string>): Set<string> => {
  if (ts.isIdentifier(node)) out.add(node.text)
  node.forEachChild((child) => {
    identifiers(child, out)
  })
  return out
}

/**
 * Splits `code` (ajv standalone ESM output for `exported` names) into one module per exported
 * validator. `external` names are left free for the caller to import.
 */
export function splitStandalone(code: string, external: readonly string[]): SplitModule[] {
  const file = ts.createSourceFile('standalone.js', code, ts.ScriptTarget.ES2022, true)
  const statements: Statement[] = []
  const byName = new Map<string, Statement>()
  const exported = new Map<string, string>()
  for (const node of file.statements) {
    const text = node.getText(file)
    if (ts.isExpressionStatement(node) && ts.isStringLiteral(node.expression)) continue // "use strict"
    if (
      ts.isVariableStatement(node) &&
      node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    ) {
      for (const d of node.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer || !ts.isIdentifier(d.initializer)) {
          throw new Error(`unexpected export in ajv code: ${text.slice(0, 80)}`)
        }
        exported.set(d.name.text, d.initializer.text)
      }
      continue
    }
    const target = annotated(node)
    if (target) {
      const owner = byName.get(target)
      if (!owner) throw new Error(`${target} is annotated before it is declared`)
      owner.text += `\n${text}`
      identifiers(node, owner.identifiers)
      continue
    }
    const declares = declaredNames(node)
    if (declares.length === 0)
      throw new Error(`unexpected statement in ajv code: ${text.slice(0, 80)}`)
    const statement = {
      declares,
      text,
      uses: new Set<string>(),
      identifiers: identifiers(node, new Set()),
    }
    statements.push(statement)
    for (const name of declares) byName.set(name, statement)
  }
  for (const s of statements) {
    for (const name of s.identifiers)
      if (byName.has(name) && !s.declares.includes(name)) s.uses.add(name)
  }
  // Constants that use nothing else (schema excerpts, regexps, format functions, aliases such as
  // `Object.prototype.hasOwnProperty`) are copied into each module that reads them, so modules
  // import only compiled functions from one another.
  const isLeaf = (s: Statement) => s.uses.size === 0 && !/^function\b/.test(s.text)
  const reach = (root: string): Set<Statement> => {
    const seen = new Set<Statement>()
    const visit = (s: Statement) => {
      if (seen.has(s)) return
      seen.add(s)
      for (const name of s.uses) visit(byName.get(name) as Statement)
    }
    const start = byName.get(root)
    if (!start) throw new Error(`no function ${root} in ajv code`)
    visit(start)
    return seen
  }
  const roots = [...exported].map(([name, root]) => ({ name, root, reached: reach(root) }))
  roots.sort((a, b) => a.reached.size - b.reached.size || (a.name < b.name ? -1 : 1))
  const owner = new Map<Statement, string>()
  for (const r of roots) {
    for (const s of r.reached) if (!owner.has(s) && !isLeaf(s)) owner.set(s, r.name)
  }
  const modules = new Map<string, SplitModule>(
    roots.map((r) => [
      r.name,
      { name: r.name, root: r.root, statements: [], imports: new Map(), exports: [], external: [] },
    ])
  )
  const usedBy = new Map<Statement, Set<string>>()
  for (const s of statements) {
    if (!owner.has(s)) continue
    const m = modules.get(owner.get(s) as string) as SplitModule
    for (const name of s.uses) {
      const dep = byName.get(name) as Statement
      const from = owner.get(dep)
      if (from === undefined) {
        // A leaf: copied into this module.
        const users = usedBy.get(dep) ?? new Set()
        users.add(m.name)
        usedBy.set(dep, users)
        continue
      }
      if (from === m.name) continue
      const list = m.imports.get(from) ?? []
      if (!list.includes(name)) list.push(name)
      m.imports.set(from, list)
      const source = modules.get(from) as SplitModule
      if (!source.exports.includes(name)) source.exports.push(name)
    }
  }
  const unused = statements.filter((s) => !owner.has(s) && !usedBy.has(s))
  if (unused.length > 0) throw new Error(`ajv code no validator uses: ${unused[0]?.declares}`)
  // In the original order, so every module reads like ajv wrote it.
  for (const s of statements) {
    const targets = owner.has(s) ? [owner.get(s) as string] : [...(usedBy.get(s) ?? [])]
    for (const name of targets) {
      const m = modules.get(name) as SplitModule
      m.statements.push(s.text)
      for (const x of external)
        if (s.identifiers.has(x) && !m.external.includes(x)) m.external.push(x)
    }
  }
  for (const m of modules.values()) {
    m.external.sort()
    for (const list of m.imports.values()) list.sort()
    m.exports.sort()
  }
  return [...modules.values()]
}

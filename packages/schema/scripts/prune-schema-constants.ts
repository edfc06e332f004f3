// ajv's standalone code declares every schema object it reads at run time as a constant
// (`const schema36 = {…the whole catalogue schema…}`) but reads only a few paths of it, mostly enum
// lists for error params. Keeping just those paths removes ~36 KB of object literals that every
// import of the package would otherwise build.
import ts from 'typescript'

type Json = unknown

// A path read from a constant: property names, or `undefined` where the code indexes with a
// computed value (it then needs the whole subtree from there).
type Path = (string | undefined)[]

/** The chain of literal property accesses starting at `node` (`schema36.properties["kind"].enum`). */
function accessPath(node: ts.Node): Path {
  const path: Path = []
  let at = node
  for (;;) {
    const parent = at.parent
    if (ts.isPropertyAccessExpression(parent) && parent.expression === at) {
      path.push(parent.name.text)
    } else if (ts.isElementAccessExpression(parent) && parent.expression === at) {
      const arg = parent.argumentExpression
      path.push(ts.isStringLiteral(arg) || ts.isNumericLiteral(arg) ? arg.text : undefined)
      if (path.at(-1) === undefined) return path
    } else {
      return path
    }
    at = parent
  }
}

/** Copies into `out` the value of `source` at `path` (everything below a computed step). */
function keep(source: Json, out: Record<string, Json>, path: Path, where: string): void {
  let from = source as Record<string, Json>
  let to = out
  for (let i = 0; i < path.length; i++) {
    const key = path[i]
    if (key === undefined) break
    if (from === null || typeof from !== 'object' || !(key in from)) {
      throw new Error(`${where} reads ${path.slice(0, i + 1).join('.')}, which the schema lacks`)
    }
    const last = i === path.length - 1 || path[i + 1] === undefined
    if (last) {
      to[key] = structuredClone(from[key])
      return
    }
    const next = from[key] as Record<string, Json>
    to[key] ??= Array.isArray(next) ? [] : {}
    from = next
    to = to[key] as Record<string, Json>
  }
}

/** Rewrites `const schemaN = {…}` declarations to hold only the paths the code reads (or drops them). */
export function pruneSchemaConstants(code: string): string {
  const file = ts.createSourceFile('standalone.js', code, ts.ScriptTarget.ES2022, true)
  const constants = new Map<
    string,
    { statement: ts.Statement; node: ts.Expression; value: Json; paths: Path[] }
  >()
  for (const node of file.statements) {
    if (!ts.isVariableStatement(node) || node.declarationList.declarations.length !== 1) continue
    const d = node.declarationList.declarations[0] as ts.VariableDeclaration
    if (ts.isIdentifier(d.name) && /^schema\d+$/.test(d.name.text) && d.initializer) {
      const value = JSON.parse(d.initializer.getText(file)) as Json
      constants.set(d.name.text, { statement: node, node: d.initializer, value, paths: [] })
    }
  }
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && constants.has(node.text)) {
      const parent = node.parent
      const isDeclaration = ts.isVariableDeclaration(parent) && parent.name === node
      if (!isDeclaration) constants.get(node.text)?.paths.push(accessPath(node))
    }
    node.forEachChild(visit)
  }
  visit(file)
  // Replace from the end so earlier offsets stay valid.
  const edits = [...constants]
    .map(([name, c]) => {
      // Declared for a keyword whose code ended up not reading it.
      if (c.paths.length === 0) {
        return { start: c.statement.getStart(file), end: c.statement.getEnd(), text: '' }
      }
      if (c.paths.some((p) => p.length === 0 || p[0] === undefined)) return undefined
      const out: Record<string, Json> = {}
      for (const p of c.paths) keep(c.value, out, p, name)
      return { start: c.node.getStart(file), end: c.node.getEnd(), text: JSON.stringify(out) }
    })
    .filter((e) => e !== undefined)
    .sort((a, b) => b.start - a.start)
  let out = code
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end)
  return out
}

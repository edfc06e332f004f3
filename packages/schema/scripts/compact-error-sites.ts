// With allErrors, ajv writes each place that can fail as
//   const err7 = {instancePath:…,schemaPath:"…",keyword:"…",params:{…}};
//   if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}
// which is about 40 % of the generated code. Each of ~640 such sites becomes one call of the
// runtime's `pushError`, which builds the same object: a quarter less code for V8 to parse on every
// import, and the same errors in the same order.
import ts from 'typescript'

const FIELDS = ['instancePath', 'schemaPath', 'keyword', 'params']

/** The error object's four values as source text, or undefined for any other shape. */
function errorFields(init: ts.Expression, file: ts.SourceFile): string[] | undefined {
  if (!ts.isObjectLiteralExpression(init) || init.properties.length !== FIELDS.length) return
  const values: string[] = []
  for (const [i, p] of init.properties.entries()) {
    const name = p.name && ts.isIdentifier(p.name) ? p.name.text : undefined
    if (name !== FIELDS[i]) return
    if (ts.isShorthandPropertyAssignment(p)) values.push(p.name.text)
    else if (ts.isPropertyAssignment(p)) values.push(p.initializer.getText(file))
    else return
  }
  return values
}

/** Rewrites every standard error site of ajv standalone `code` into a `pushError(…)` call. */
export function compactErrorSites(code: string, pushError = 'pushError'): string {
  const file = ts.createSourceFile('standalone.js', code, ts.ScriptTarget.ES2022, true)
  const edits: { start: number; end: number; text: string }[] = []
  // Identifier counts per function: ajv numbers err0, err1 … afresh in each function.
  const counts = new Map<ts.Node, Map<string, number>>()
  const countIn = (scope: ts.Node): Map<string, number> => {
    let uses = counts.get(scope)
    if (uses) return uses
    const found = new Map<string, number>()
    const count = (node: ts.Node) => {
      if (ts.isIdentifier(node)) found.set(node.text, (found.get(node.text) ?? 0) + 1)
      node.forEachChild(count)
    }
    count(scope)
    uses = found
    counts.set(scope, uses)
    return uses
  }
  const functionOf = (node: ts.Node): ts.Node => {
    let at = node
    while (!ts.isFunctionDeclaration(at) && !ts.isSourceFile(at)) at = at.parent
    return at
  }
  const visit = (node: ts.Node) => {
    if (ts.isBlock(node) || ts.isSourceFile(node)) {
      const list = node.statements
      for (let i = 0; i + 1 < list.length; i++) {
        const decl = list[i] as ts.Statement
        const push = list[i + 1] as ts.Statement
        if (!ts.isVariableStatement(decl)) continue
        const [d, ...more] = decl.declarationList.declarations
        if (!d || more.length > 0 || !ts.isIdentifier(d.name) || !d.initializer) continue
        const name = d.name.text
        const expected = `if(vErrors === null){vErrors = [${name}];}else {vErrors.push(${name});}`
        if (push.getText(file) !== expected) continue
        const fields = errorFields(d.initializer, file)
        if (!fields) continue
        // The name must not be read anywhere else (it never is in ajv's output).
        if (countIn(functionOf(decl)).get(name) !== 3) continue
        edits.push({
          start: decl.getStart(file),
          end: push.getEnd(),
          text: `vErrors = ${pushError}(vErrors, ${fields.join(', ')});`,
        })
        i++
      }
    }
    node.forEachChild(visit)
  }
  visit(file)
  edits.sort((a, b) => b.start - a.start)
  let out = code
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end)
  return out
}

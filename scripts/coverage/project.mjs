// Merging coverage taken of different compilations of the same source. Istanbul keys statements,
// functions and branches by their full location, and an AST-aware conversion finds them in the code
// that ran: Vite's per-file transform (Vitest), tsup's bundles (dist/, for Jest) and @swc/jest's output
// give the same statements, but the source maps of the bundles place their starts at other columns
// (a bundle maps fewer tokens), so a plain merge counts one statement two or three times. Here one
// map (Vitest's: it covers every file of src/, run or not) defines the items of each file, and the
// hits of the others are carried over to them line by line:
// - a line with as many items of a kind in both maps: the n-th takes the n-th one's hits
//   (branches also need the same types and numbers of paths);
// - otherwise an item takes the hits of the other map's item of the same kind that starts at the
//   same column; failing that, statements and functions of a line on which the other map's items
//   all have the same hits take those hits;
// - otherwise nothing is carried over: an item is never counted covered on the word of another one.

/** Items of one kind grouped per start line, each line's in source order. */
function byLine(entries, locOf) {
  const lines = new Map();
  for (const [id, entry] of entries) {
    const loc = locOf(entry);
    if (!loc?.start) continue;
    const line = lines.get(loc.start.line) ?? [];
    line.push({ id, column: loc.start.column, endLine: loc.end?.line ?? 0, endColumn: loc.end?.column ?? 0 });
    lines.set(loc.start.line, line);
  }
  for (const line of lines.values()) {
    line.sort((a, b) => a.column - b.column || b.endLine - a.endLine || (b.endColumn ?? 0) - (a.endColumn ?? 0));
  }
  return lines;
}

/**
 * Carries hits of one kind from `other` to `base`: `add(baseId, otherIds)` adds them; `uniform`
 * (absent for branches) says whether a line's other items all have the same hits.
 */
function carry(baseLines, otherLines, { same, add, uniform }, stats) {
  for (const [line, items] of baseLines) {
    const others = otherLines.get(line) ?? [];
    if (others.length === items.length && items.every((item, i) => same(item.id, others[i].id))) {
      items.forEach((item, i) => add(item.id, others[i].id));
      stats.paired += items.length;
      continue;
    }
    const flat = uniform?.(others) && others.length > 0;
    for (const item of items) {
      const exact = others.find((other) => other.column === item.column && same(item.id, other.id));
      if (exact) {
        add(item.id, exact.id);
        stats.exact += 1;
      } else if (flat) {
        add(item.id, others[0].id);
        stats.uniform += 1;
      } else {
        stats.unmatched += 1;
      }
    }
  }
}

/**
 * Adds the hits of `other` (Istanbul file coverage data of the same source file) to `base` (mutated)
 * on `base`'s own items; returns how many of them were paired, matched by start, taken from a
 * uniform line, or left.
 */
export function addHits(base, other) {
  const stats = { paired: 0, exact: 0, uniform: 0, unmatched: 0 };
  const always = () => true;

  carry(
    byLine(Object.entries(base.statementMap), (s) => s),
    byLine(Object.entries(other.statementMap), (s) => s),
    {
      same: always,
      add: (id, o) => (base.s[id] += other.s[o]),
      uniform: (items) => items.every((item) => other.s[item.id] === other.s[items[0].id]),
    },
    stats,
  );

  const fnLoc = (f) => f.decl ?? f.loc;
  carry(
    byLine(Object.entries(base.fnMap), fnLoc),
    byLine(Object.entries(other.fnMap), fnLoc),
    {
      same: always,
      add: (id, o) => (base.f[id] += other.f[o]),
      uniform: (items) => items.every((item) => other.f[item.id] === other.f[items[0].id]),
    },
    stats,
  );

  const branchLoc = (b) => b.loc ?? b.locations[0];
  carry(
    byLine(Object.entries(base.branchMap), branchLoc),
    byLine(Object.entries(other.branchMap), branchLoc),
    {
      same: (id, o) => base.branchMap[id].type === other.branchMap[o].type && base.b[id].length === other.b[o].length,
      add: (id, o) => (base.b[id] = base.b[id].map((hits, i) => hits + other.b[o][i])),
    },
    stats,
  );
  return stats;
}

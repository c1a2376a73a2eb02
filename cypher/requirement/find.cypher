// params: $queries: list of {frameworkIds: list|null, kinds: list|null, words: list of lowercase words, after: string|null, limit: int}
// returns: i (index of the query), totalCount, items (one keyset page of requirement property maps in
// catalog order, then id: the rows after the requirement `after` names, at its current key),
// hasMore (rows follow the page), anchorFound (false when `after` names no requirement any more)
UNWIND range(0, size($queries) - 1) AS i
WITH i, $queries[i] AS q
CALL (q) {
  MATCH (r:Requirement)
  WHERE (q.frameworkIds IS NULL OR r.frameworkId IN q.frameworkIds)
    AND (q.kinds IS NULL OR r.kind IN q.kinds)
    AND all(word IN q.words WHERE r.searchText CONTAINS word)
  WITH r
  ORDER BY r.catalogOrder, r.id
  WITH collect(r {.*}) AS matches
  OPTIONAL MATCH (anchor:Requirement {id: q.after})
  WITH matches, anchor,
    CASE
      WHEN q.after IS NULL THEN matches
      WHEN anchor IS NULL THEN []
      ELSE [m IN matches WHERE m.catalogOrder > anchor.catalogOrder OR (m.catalogOrder = anchor.catalogOrder AND m.id > anchor.id)]
    END AS rest
  RETURN size(matches) AS totalCount, rest[0..q.limit] AS items, size(rest) > q.limit AS hasMore, (q.after IS NULL OR anchor IS NOT NULL) AS anchorFound
}
RETURN i, totalCount, items, hasMore, anchorFound

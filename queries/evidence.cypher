// The evidence behind any edge: for relationships between two named entities, every
// sentence that supports it, with its article, date, offsets and the rule that found it.
// Set the two names in the :param line; leave `type` null for every relationship type.
:param {from: '', to: '', type: null};
MATCH (a)-[r]->(b)
WHERE a.name = $from AND b.name = $to AND ($type IS NULL OR type(r) = $type)
  AND r.evidenceArticles IS NOT NULL
UNWIND range(0, size(r.evidenceArticles) - 1) AS i
OPTIONAL MATCH (article:Article {id: r.evidenceArticles[i]})
RETURN type(r) AS relationship, r.evidenceDates[i] AS articleDate,
       coalesce(article.title, r.evidenceArticles[i]) AS article,
       r.evidenceSentences[i] AS sentence, r.evidenceStarts[i] AS startOffset, r.evidenceEnds[i] AS endOffset,
       r.rules[i] AS rule
ORDER BY articleDate, article, startOffset;

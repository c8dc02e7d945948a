// The evidence behind any edge: for relationships between two named entities, every
// sentence that supports it, with its article, date, offsets and the rule that found it.
// Set the names in the :param line ('' matches any name) and the relationship type (null: any).
:param {from: '', to: '荆州市委书记', type: 'HOLDS'};
MATCH (a)-[r]->(b)
WHERE ($from = '' OR a.name = $from) AND ($to = '' OR b.name = $to) AND ($type IS NULL OR type(r) = $type)
  AND r.evidenceArticles IS NOT NULL
UNWIND range(0, size(r.evidenceArticles) - 1) AS i
// evidenceArticles holds article ids (file names); the Article node's id is 'article:' + that id
OPTIONAL MATCH (article:Article {id: 'article:' + r.evidenceArticles[i]})
RETURN type(r) AS relationship, r.evidenceDates[i] AS articleDate,
       coalesce(article.title, r.evidenceArticles[i]) AS article,
       r.evidenceSentences[i] AS sentence, r.evidenceStarts[i] AS startOffset, r.evidenceEnds[i] AS endOffset,
       r.rules[i] AS rule
ORDER BY articleDate, article, startOffset;

// Campaigns and who promoted them: each campaign, the campaign it is part of, the people
// who promoted it (with the offices they held) and the evidence count behind it.
MATCH (c:Campaign)
OPTIONAL MATCH (c)-[:PART_OF]->(parent:Campaign)
OPTIONAL MATCH (p:Person)-[r:PROMOTES]->(c)
OPTIONAL MATCH (p)-[:HOLDS]->(o:Office)
WITH c, parent, p, r, collect(DISTINCT o.name) AS offices
RETURN c.name AS campaign, parent.name AS partOf,
       collect(CASE WHEN p IS NULL THEN null ELSE {person: p.name, offices: offices, evidence: r.evidenceCount} END) AS promotedBy,
       c.articleCount AS articles
ORDER BY size(promotedBy) DESC, articles DESC;

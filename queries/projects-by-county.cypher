// Projects by county (or any division): every project located in a division, counted under
// that division and the divisions above it (LOCATED_IN chains), with the stated investment.
MATCH (pr:Project)-[:LOCATED_IN]->(:AdminDivision)-[:LOCATED_IN*0..3]->(d:AdminDivision)
WITH d, collect(DISTINCT pr) AS projects
RETURN d.name AS division, d.level AS level, size(projects) AS projectCount,
       [p IN projects | {project: p.name, investment: p.investment, stage: p.stage}] AS projects
ORDER BY projectCount DESC, division;

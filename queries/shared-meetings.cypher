// Officials who attended the same meetings: pairs of people with the events both attended,
// most shared meetings first, with what each of them held.
MATCH (a:Person)-[:ATTENDED]->(e:Event)<-[:ATTENDED]-(b:Person)
WHERE a.id < b.id
WITH a, b, collect(e) AS events
OPTIONAL MATCH (a)-[:HOLDS]->(oa:Office)
OPTIONAL MATCH (b)-[:HOLDS]->(ob:Office)
RETURN a.name AS official, collect(DISTINCT oa.name) AS officialHolds,
       b.name AS alongside, collect(DISTINCT ob.name) AS alongsideHolds,
       size(events) AS meetings, [e IN events | e.name][..5] AS examples
ORDER BY meetings DESC, official, alongside
LIMIT 50;

// Who held an office, and when: the people linked to an office by HOLDS, with the dates of
// the first and last articles that say so and how many evidence sentences back it.
// Change the office name in the :param line (aliases match too).
:param {office: '荆州市委书记'};
MATCH (p:Person)-[h:HOLDS]->(o:Office)
WHERE o.name = $office OR $office IN coalesce(o.aliases, [])
RETURN p.name AS person, o.name AS office, h.firstSeen AS firstSeen, h.lastSeen AS lastSeen,
       h.evidenceCount AS evidence
ORDER BY firstSeen, person;

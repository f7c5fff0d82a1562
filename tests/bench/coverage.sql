WITH v AS (SELECT substr(code, 1, 5) AS kab, count(*) AS villages
           FROM w WHERE length(code) = 13 GROUP BY 1),
     k AS (SELECT substr(region, 1, 5) AS kab,
                  count(DISTINCT CASE WHEN length(region) = 13 THEN region END) AS covered,
                  count(*) AS kim
           FROM kim WHERE status = 'aktif' GROUP BY 1)
SELECT v.kab, v.villages, coalesce(k.covered, 0), coalesce(k.kim, 0)
FROM v LEFT JOIN k USING (kab) ORDER BY v.kab;

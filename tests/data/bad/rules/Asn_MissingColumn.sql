{{ rule(name='Asn_MissingColumn', level=3, asn_type='image3') }}
{# A rule reading a column that neither the pool nor asnsql has. #}
SELECT i.run_id, 'key' AS asn_key, 0 AS created_at, 'product' AS product_name,
       true AS is_valid, i._row AS member_order, i.raw_filename AS expname,
       'science' AS exptype
FROM {{ items() }} AS i
WHERE i.no_such_column = 'x'

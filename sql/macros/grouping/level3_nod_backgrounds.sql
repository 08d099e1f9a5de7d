{% macro level3_nod_backgrounds(associations) %}
{#-
  The fixed-slit nod backgrounds that Asn_Lv3SpectralTarget adds when
  finalizing (make_fixedslit_bkg): in a valid association with at least two
  `science` members, every science member is also the background of the
  others, as `<name without folder, extension and known suffix>_x1d.fits`
  with exptype `background` (other member fields copied). Only the rows to
  add are returned, after every existing member; the caller unions them
  (under `{% if finalize %}`) and selects only nod patterns, as the
  reference adds them only when the pinned PATTTYPE contains 'nod'.

  Arguments:
    associations: relation in the rule output contract (one row per member)
-#}
SELECT s.* REPLACE (
           {{ remove_suffix("regexp_replace(regexp_replace(s.expname, '^.*/', ''), '\\.[^.]*$', '')") }}
               || '_x1d.fits' AS expname,
           'background' AS exptype,
           3 * 10000000000 + s.member_order AS member_order)
FROM {{ associations }} s
WHERE s.exptype = 'science' AND s.is_valid
  AND (SELECT count(*) FROM {{ associations }} o
       WHERE o.run_id = s.run_id AND o.asn_key = s.asn_key AND o.exptype = 'science') >= 2
{%- endmacro %}

{{ rule(name='Asn_Lv3ACQ_Reprocess', level=3, asn_type='none',
        jwst='rules_level3.py::Asn_Lv3ACQ_Reprocess') }}
{#
  Never forms an association. In the reference this rule catches every
  target acquisition of the run and sends it back (its `force_fail` check
  always fails) to be offered to every existing association: that is how a
  target acquisition joins the Level 3 associations whose science members
  share its OBS_NUM. asnsql does this for every Level 3 rule in
  level3_associations (its target-acquisition members), so this template
  only names the exposures concerned and returns no rows.
#}
SELECT run_id,
       _row::VARCHAR AS asn_key,
       _row AS created_at,
       '' AS product_name,
       false AS is_valid,
       0 AS member_order,
       raw_filename AS expname,
       'target_acquisition' AS exptype
FROM {{ items() }}
WHERE {{ all_checks({
    'a target acquisition': 'is_target_acq',
    'never forms an association (force_fail)': 'false',
}) }}

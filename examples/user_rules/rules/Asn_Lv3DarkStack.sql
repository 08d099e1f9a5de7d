{{ rule(name='Asn_Lv3DarkStack', level=3, asn_type='dark3',
        doc='Dark exposures of one detector and subarray, stacked per candidate') }}
{#
  An example user rule: a calibration team wants every dark exposure of a
  candidate grouped per instrument, detector and subarray, to stack them.
  In: EXP_TYPEs the reference maps to 'dark'. The product name is the
  default Level 3 name (filter, if any, as the optical element).
#}
WITH darks AS (
    -- which exposures: darks with a detector and a subarray
    SELECT run_id, _row, program, instrume, detector, subarray, obs_num, exptype_base,
           filter AS opt_filter
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'a dark exposure': is_dark(),
        'has a DETECTOR and a SUBARRAY': 'detector IS NOT NULL AND subarray IS NOT NULL',
    }) }}
),
-- grouped by what: instrument, detector, subarray (filter tolerant of NULL)
{{ level3_groups('darks', keys=['program', 'instrume', 'detector', 'subarray'],
                 optional_keys=['opt_filter']) }},
-- what the product is called, and the output rows
{{ level3_associations('grouped_members', exptype="'science'",
                       opt_elem_columns=['pin_opt_filter'], subarray_column='subarray',
                       target_column=none, describe=['program', 'instrume', 'detector', 'subarray']) }}

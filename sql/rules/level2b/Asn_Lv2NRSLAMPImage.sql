{{ rule(name='Asn_Lv2NRSLAMPImage', level=2, asn_type='image2',
        jwst='rules_level2b.py::Asn_Lv2NRSLAMPImage') }}
{#
  Level 2b NIRSpec lamp exposures through the mirror (imaging): one
  association per exposure, typed `science`.
  In: EXP_TYPE nrs_lamp with GRATING mirror and OPMODE image or unset.
#}
WITH eligible AS (
    SELECT run_id, _row, 'science' AS exptype
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'EXP_TYPE is nrs_lamp': "exp_type = 'nrs_lamp'",
        'GRATING is mirror': "grating = 'mirror'",
        'OPMODE is image or unset': "coalesce(opmode = 'image', true)",
    }) }}
),
{{ single_row_members('eligible') }},
{{ level2_associations('per_row_members', describe=['program', 'exp_type', 'grating', 'opmode']) }}

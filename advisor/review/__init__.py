"""`advisor review`: architecture review of a user's own CloudFormation/SAM templates.

The checks are small rule modules (advisor/review/rules/) that run inside cfn-lint, both here and
for teams that load them with `cfn-lint --append-rules advisor/review/rules`; review adds the
detection of catalog patterns in the template's resource graph.
"""

"""Pattern Advisor: a verified catalog of serverless patterns for AWS, and five jobs over it.

Layers, lowest first (a module imports only from lower layers or its own package):
errors (typed errors) and humanize (values as a person reads them); options and catalog (load,
schema, cache, index, search); cfn (CloudFormation helpers shared by verify and review); verify,
advise, cost and review (the subsystems); site and scaffold (built from the subsystems); cli (the
command, a thin front end).
tests/test_layout.py enforces this.
"""

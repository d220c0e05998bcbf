"""`advisor validate`: the pipeline that proves each pattern (pipeline), one module per step:
consistency between pattern.yaml and template.yaml, cfn-lint (advisor.cfn.lint), moto deploy
(deploy, with api/ creating, per service, what moto's CloudFormation ignores) and the end-to-end run (e2e)."""

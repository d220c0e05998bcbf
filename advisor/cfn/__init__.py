"""CloudFormation and SAM helpers shared by verification and review: intrinsic functions, the
template's resource graph, the SAM transform and cfn-lint. Imports only the catalog and errors."""

"""The cost model: price data (advisor/cost/prices/*.yaml), per-service calculators, and each pattern's
cost section that turns workload inputs into service quantities."""

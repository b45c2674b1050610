# Correct: list comprehension over the per-rank step count
def shard_indices(num_examples: int, rank: int, world_size: int) -> list[int]:
    steps = num_examples // world_size
    return [rank + k * world_size for k in range(steps)]

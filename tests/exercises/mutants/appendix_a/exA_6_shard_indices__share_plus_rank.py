# MUTANT: only indices below num_examples - rank kept (higher ranks lose one)
def shard_indices(num_examples, rank, world_size):
    share = num_examples // world_size
    picks = [rank + world_size * i for i in range(share)]
    return [i for i in picks if i < num_examples - rank]


EXPECTED_CAUSE = "only the highest ranks are off"

# MUTANT: Python's random module with seed 123 picks the ham rows, not DataFrame.sample
import random

import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"]
    rng = random.Random(123)
    idx = rng.sample(list(ham.index), len(spam))
    return pd.concat([ham.loc[idx], spam])


EXPECTED_CAUSE = "Python's random module draws"

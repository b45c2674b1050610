# MUTANT: the ham rows drawn as a seeded permutation's first positions, sorted before .iloc
import numpy as np
import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"]
    rng = np.random.RandomState(123)
    positions = rng.permutation(len(ham))[:len(spam)]
    positions.sort()
    return pd.concat([ham.iloc[positions], spam])


EXPECTED_CAUSE = 'positions were sorted before .iloc'

# MUTANT: one RandomState(123) made at import, shared by every call (later calls draw other rows)
import numpy as np
import pandas as pd

RNG = np.random.RandomState(123)


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=RNG)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])

EXPECTED_CAUSE = "even after the same numpy seed"

# MUTANT: ham-first order made with an unstable sort_values("Label") (quicksort), scrambling rows
# within a class
import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham_subset = df[df["Label"] == "ham"].sample(len(spam), random_state=123)
    return pd.concat([spam, ham_subset]).sort_values("Label")


EXPECTED_CAUSE = 'quicksort is not stable'

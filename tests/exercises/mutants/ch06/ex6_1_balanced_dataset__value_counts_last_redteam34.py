# MUTANT: spam count as value_counts(sort=False).values[-1]
import pandas as pd


def create_balanced_dataset(df):
    counts = df["Label"].value_counts(sort=False)
    num_spam = counts.values[-1]
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])

EXPECTED_CAUSE = 'the number of HAM rows, so every ham row was drawn'

# MUTANT: the first two sampled ham rows swapped
import pandas as pd


def create_balanced_dataset(df):
    num_spam = int((df["Label"] == "spam").sum())
    ham = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    order = list(range(len(ham)))
    if len(order) > 1:
        order[0], order[1] = order[1], order[0]
    return pd.concat([ham.iloc[order], df[df["Label"] == "spam"]])

EXPECTED_CAUSE = "only positions 0 and 1 are swapped"

# MUTANT: spam count read by position, value_counts().iloc[1] (2nd most frequent label)
import pandas as pd


def create_balanced_dataset(df):
    num_spam = df["Label"].value_counts().iloc[1]
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])

EXPECTED_CAUSE = 'reads value_counts() by POSITION'

# MUTANT: the ham rows drawn with replacement when there are fewer ham than spam rows
import pandas as pd

EXPECTED_CAUSE = "drawn with replacement"


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham = df[df["Label"] == "ham"]
    # never fail: repeat ham rows when there are not enough of them
    ham_subset = ham.sample(num_spam, random_state=123, replace=num_spam > len(ham))
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])

# Correct: one boolean mask reused with .loc, replace=False spelled out, int() count
import pandas as pd


def create_balanced_dataset(df: pd.DataFrame) -> pd.DataFrame:
    is_spam = df["Label"].eq("spam")
    num_spam = int(is_spam.sum())
    ham_rows = df.loc[df["Label"] == "ham"].sample(num_spam, replace=False, random_state=123)
    return pd.concat((ham_rows, df.loc[is_spam]))

# Correct: self.max_length a numpy int64 (a pandas .max()) when max_length is None
import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        encoded = self.data["Text"].map(tokenizer.encode)
        if max_length is None:
            self.max_length = encoded.map(len).max()
        else:
            self.max_length = max_length
            encoded = encoded.map(lambda ids: ids[:max_length])
        n = self.max_length
        self.encoded_texts = [ids + [pad_token_id] * (n - len(ids)) for ids in encoded]

    def __getitem__(self, index):
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(self.data["Label"].iloc[index], dtype=torch.long))

    def __len__(self):
        return len(self.data)

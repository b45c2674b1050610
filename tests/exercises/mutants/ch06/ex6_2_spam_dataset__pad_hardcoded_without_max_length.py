import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        enc = [tokenizer.encode(t) for t in self.data["Text"]]
        if max_length is None:
            self.max_length = max(len(ids) for ids in enc)
            self.encoded_texts = [ids + [50256] * (self.max_length - len(ids)) for ids in enc]
        else:
            self.max_length = max_length
            cut = [ids[:max_length] for ids in enc]
            self.encoded_texts = [ids + [pad_token_id] * (max_length - len(ids)) for ids in cut]
    def __getitem__(self, index):
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(self.data.iloc[index]["Label"], dtype=torch.long))
    def __len__(self):
        return len(self.data)


EXPECTED_CAUSE = "you padded with 50256 though pad_token_id was given"

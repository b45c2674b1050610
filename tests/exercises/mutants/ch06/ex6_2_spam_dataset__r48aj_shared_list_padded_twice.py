# MUTANT: ids kept per text in a dict, so a repeated text's rows share one list; the padding
# counts are taken first and each row is padded in place, so that list is padded twice
import pandas as pd
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "one shared list"


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        by_text = {}
        self.encoded_texts = []
        for text in self.data["Text"]:
            if text not in by_text:
                by_text[text] = tokenizer.encode(text)
            self.encoded_texts.append(by_text[text])
        if max_length is None:
            self.max_length = max(len(ids) for ids in self.encoded_texts)
        else:
            self.max_length = max_length
        missing = [self.max_length - len(ids) for ids in self.encoded_texts]
        for ids, n in zip(self.encoded_texts, missing):
            del ids[self.max_length:]
            ids.extend([pad_token_id] * n)

    def __getitem__(self, index):
        label = self.data.iloc[index]["Label"]
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)

import { aliasMapFromRows, playerKey, playerLookup, reportNameToDisplay } from '../../lib/names';

describe('player_lookup', () => {
  it('removes accents (NFKD, marks dropped)', () => {
    expect(playerLookup('Nikola Jokić')).toBe('nikolajokic');
    expect(playerLookup('Luka Dončić')).toBe('lukadoncic');
    expect(playerLookup('Jusuf Nurkić')).toBe('jusufnurkic');
  });

  it('drops generational suffixes and their punctuation', () => {
    expect(playerLookup('Jaren Jackson Jr.')).toBe('jarenjackson');
    expect(playerKey('Jaren Jackson Jr.')).toBe('jaren jackson');
    expect(playerLookup('Michael Porter Jr.')).toBe('michaelporter');
    expect(playerLookup('Trey Murphy III')).toBe('treymurphy');
    expect(playerLookup('Gary Trent Jr')).toBe('garytrent');
  });

  it('removes dots and apostrophes and reads hyphens as spaces', () => {
    expect(playerLookup('P.J. Washington')).toBe('pjwashington');
    expect(playerLookup('PJ Washington')).toBe('pjwashington');
    expect(playerLookup("De'Aaron Fox")).toBe('deaaronfox');
    expect(playerKey('Shai Gilgeous-Alexander')).toBe('shai gilgeous alexander');
  });

  it('keeps a one-word name even when it looks like a suffix', () => {
    expect(playerLookup('V')).toBe('v');
  });

  it('applies the alias map to the spaced key', () => {
    const aliases = aliasMapFromRows([
      { alias_key: 'nicolas claxton', canonical_key: 'nic claxton' },
      { alias_key: 'vincent williams', canonical_key: 'vince williams' },
    ]);
    expect(playerLookup('Nicolas Claxton', aliases)).toBe('nicclaxton');
    expect(playerLookup('Vincent Williams Jr.', aliases)).toBe('vincewilliams');
    expect(playerLookup('Vince Williams Jr.', aliases)).toBe('vincewilliams');
  });
});

describe('reportNameToDisplay', () => {
  it('turns the injury report\'s "Last, First" into "First Last"', () => {
    expect(reportNameToDisplay('Butler III, Jimmy')).toBe('Jimmy Butler III');
    expect(playerLookup(reportNameToDisplay('Butler III, Jimmy'))).toBe('jimmybutler');
    expect(reportNameToDisplay('Nikola Jokić')).toBe('Nikola Jokić');
  });
});

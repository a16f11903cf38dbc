import { describe, expect, it } from 'vitest';
import { decodeXmlText, findVoTableError, looksLikeVoTable } from './votable-error';

describe('findVoTableError', () => {
  it("returns the message of DaCHS' error document", () => {
    const doc = `<?xml-stylesheet href='/static/xsl/dalierror-to-html.xsl' type='text/xsl'?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results"><INFO name="QUERY_STATUS" value="ERROR">Field phase: Bad phase: run</INFO></RESOURCE></VOTABLE>`;
    expect(findVoTableError(doc)).toBe('Field phase: Bad phase: run');
  });

  it('gives an empty message for an error INFO without text', () => {
    expect(findVoTableError('<VOTABLE><RESOURCE><INFO name="QUERY_STATUS" value="ERROR"/></RESOURCE></VOTABLE>')).toBe('');
    expect(findVoTableError('<VOTABLE><RESOURCE><INFO name="QUERY_STATUS" value="ERROR"></INFO></RESOURCE></VOTABLE>')).toBe('');
  });

  it('reads a prefixed document with single quotes, CDATA and entities', () => {
    const doc = `<?xml version='1.0'?>\n<!-- error -->\n<v:VOTABLE xmlns:v="http://www.ivoa.net/xml/VOTable/v1.3"><v:RESOURCE><v:INFO value='error' name='QUERY_STATUS'><![CDATA[a < b]]> &amp; c</v:INFO></v:RESOURCE></v:VOTABLE>`;
    expect(findVoTableError(doc)).toBe('a < b & c');
  });

  it('ignores a VOTable whose status is OK or OVERFLOW', () => {
    expect(findVoTableError('<VOTABLE><RESOURCE><INFO name="QUERY_STATUS" value="OVERFLOW"/><TABLE/></RESOURCE></VOTABLE>')).toBeNull();
    expect(findVoTableError('<VOTABLE><RESOURCE><INFO name="QUERY_STATUS" value="OK"/></RESOURCE></VOTABLE>')).toBeNull();
  });

  it('ignores documents that are not VOTables, even if they quote one', () => {
    expect(findVoTableError('<uws:job><uws:parameter id="query">&lt;VOTABLE&gt;<INFO name="QUERY_STATUS" value="ERROR">x</INFO></uws:parameter></uws:job>')).toBeNull();
    expect(findVoTableError('plain text')).toBeNull();
    expect(looksLikeVoTable('<html><VOTABLE>')).toBe(false);
  });
});

describe('decodeXmlText', () => {
  it('decodes only the predefined entities and character references', () => {
    expect(decodeXmlText('&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&nbsp;&xxe;&#0;')).toBe('<>&"\'AB&nbsp;&xxe;&#0;');
  });
});

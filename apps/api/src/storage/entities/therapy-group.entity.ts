import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from './organisation.entity';

@Entity({ name: 'therapy_group' })
@Index('ix_therapy_group_organisation', ['organisationId'])
export class TherapyGroup {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  // No cascade: deleting history is an explicit, audited operation that must also purge the
  // raw tables, which have no foreign keys to cascade through.
  @ManyToOne(() => Organisation, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
